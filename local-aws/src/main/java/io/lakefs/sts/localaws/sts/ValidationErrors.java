package io.lakefs.sts.localaws.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects input-constraint violations and reports them all at once in AWS's wording: "2 validation errors
 * detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: ...; Value ...".
 */
final class ValidationErrors {
  private final List<String> errors = new ArrayList<>();

  /** Length (in characters) and pattern checks on one member; a null value is only checked if required. */
  void checkString(String member, String value, boolean required, int minLength, int maxLength, Pattern pattern,
      boolean echoValue) {
    if (value == null) {
      if (required) {
        errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
      }
      return;
    }
    String shown = echoValue ? "Value '" + value + "'" : "Value";
    int length = value.codePointCount(0, value.length());
    if (length < minLength) {
      add(shown, member, "Member must have length greater than or equal to " + minLength);
    }
    if (length > maxLength) {
      add(shown, member, "Member must have length less than or equal to " + maxLength);
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      add(shown, member, "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
  }

  void add(String shownValue, String member, String constraint) {
    errors.add(shownValue + " at '" + member + "' failed to satisfy constraint: " + constraint);
  }

  void throwIfAny() throws StsError {
    if (errors.isEmpty()) {
      return;
    }
    String count = errors.size() == 1 ? "1 validation error detected: " : errors.size() + " validation errors detected: ";
    throw StsError.validation(count + String.join("; ", errors));
  }
}
