package io.lakefs.sts.localaws.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The objects a DeleteObjects request ({@code POST /bucket?delete}) names in its XML body:
 * {@code <Delete><Quiet>..</Quiet><Object><Key>..</Key><VersionId>..</VersionId></Object>...</Delete>}.
 * The body comes from the caller before anyone has authorized it, so DTDs (and with them external
 * entities and entity expansion) are refused outright.
 */
final class DeleteObjectsBody {
  static final int MAX_OBJECTS = 1000;
  private static final Set<String> IGNORED_OBJECT_ELEMENTS = Set.of("ETag", "LastModifiedTime", "Size");

  record ObjectIdentifier(String key, Optional<String> versionId) {
  }

  private DeleteObjectsBody() {
  }

  static List<ObjectIdentifier> parse(byte[] body) throws S3ClassificationException {
    if (body == null || body.length == 0) {
      throw malformed("the request body is empty; send <Delete><Object><Key>key</Key></Object></Delete>.", null);
    }
    XMLStreamReader xml = null;
    try {
      xml = newFactory().createXMLStreamReader(new ByteArrayInputStream(body));
      toRootElement(xml);
      if (!xml.getLocalName().equals("Delete")) {
        throw malformed("the root element must be <Delete>, was <" + xml.getLocalName() + ">.", null);
      }
      List<ObjectIdentifier> objects = new ArrayList<>();
      while (nextChild(xml)) {
        switch (xml.getLocalName()) {
          case "Quiet" -> xml.getElementText();
          case "Object" -> {
            if (objects.size() == MAX_OBJECTS) {
              throw malformed("a DeleteObjects request may name at most " + MAX_OBJECTS + " objects; split it.",
                  null);
            }
            objects.add(object(xml));
          }
          default -> throw malformed("unexpected element <" + xml.getLocalName() + "> in <Delete>.", null);
        }
      }
      if (objects.isEmpty()) {
        throw malformed("<Delete> names no <Object>.", null);
      }
      toEndOfDocument(xml);
      return List.copyOf(objects);
    } catch (XMLStreamException e) {
      throw malformed("the body is not well-formed XML: " + e.getMessage(), e);
    } finally {
      close(xml);
    }
  }

  private static XMLInputFactory newFactory() {
    // The JDK's own StAX implementation, whatever else is on the classpath: its properties are known.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  private static void toRootElement(XMLStreamReader xml) throws XMLStreamException, S3ClassificationException {
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.DTD) {
        throw malformed("DOCTYPE declarations are not allowed.", null);
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        return;
      }
    }
    throw malformed("the body has no root element.", null);
  }

  /** Reads past the root element so that trailing junk is refused, not ignored. */
  private static void toEndOfDocument(XMLStreamReader xml) throws XMLStreamException, S3ClassificationException {
    while (xml.hasNext()) {
      if (xml.next() == XMLStreamConstants.START_ELEMENT) {
        throw malformed("the body has more than one root element.", null);
      }
    }
  }

  /** Advances to the next child start element of the current element; false at its end. */
  private static boolean nextChild(XMLStreamReader xml) throws XMLStreamException, S3ClassificationException {
    while (xml.hasNext()) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
          return true;
        case XMLStreamConstants.END_ELEMENT:
          return false;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
          if (!xml.isWhiteSpace()) {
            throw malformed("unexpected text \"" + xml.getText().strip() + "\" between elements.", null);
          }
          break;
        case XMLStreamConstants.ENTITY_REFERENCE:
        case XMLStreamConstants.DTD:
          throw malformed("entity references are not allowed.", null);
        default:
          break; // comments, processing instructions, ignorable white space
      }
    }
    throw malformed("the body ends inside an element.", null);
  }

  private static ObjectIdentifier object(XMLStreamReader xml) throws XMLStreamException, S3ClassificationException {
    String key = null;
    Optional<String> versionId = Optional.empty();
    while (nextChild(xml)) {
      String name = xml.getLocalName();
      String text = xml.getElementText();
      if (name.equals("Key")) {
        if (key != null) {
          throw malformed("an <Object> has more than one <Key>.", null);
        }
        key = text;
      } else if (name.equals("VersionId")) {
        versionId = Optional.of(text);
      } else if (!IGNORED_OBJECT_ELEMENTS.contains(name)) {
        throw malformed("unexpected element <" + name + "> in <Object>.", null);
      }
    }
    if (key == null || key.isEmpty()) {
      throw malformed("every <Object> needs a non-empty <Key>.", null);
    }
    return new ObjectIdentifier(S3Path.checkKey(key, "InvalidArgument"), versionId);
  }

  private static S3ClassificationException malformed(String detail, Throwable cause) {
    return new S3ClassificationException("MalformedXML", "The XML you provided was not well-formed or did not"
        + " validate against our published schema: " + detail, cause);
  }

  private static void close(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException e) {
        // Nothing to release for an in-memory body.
      }
    }
  }
}
