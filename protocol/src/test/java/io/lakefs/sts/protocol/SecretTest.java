package io.lakefs.sts.protocol;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

public class SecretTest {
  private static final String VALUE = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @Test
  public void neverPrintsItsValue() {
    Secret secret = Secret.of(VALUE);
    assertEquals("<redacted>", secret.toString());
    assertEquals("<redacted>", Secret.of("").toString());
    assertFalse(String.valueOf(Arrays.asList(secret, secret)).contains(VALUE));
    assertFalse(("key=" + secret).contains("wJalr"));
  }

  @Test
  public void revealsItsValueWhenAsked() {
    assertEquals(VALUE, Secret.of(VALUE).reveal());
    assertTrue(Secret.of("").isEmpty());
    assertFalse(Secret.of(VALUE).isEmpty());
  }

  @Test
  public void equalWhenTheValuesAre() {
    assertEquals(Secret.of(VALUE), Secret.of(new String(VALUE.toCharArray())));
    assertEquals(Secret.of("ünïcode"), Secret.of("ünïcode"));
  }

  @Test
  public void unequalWhenTheValuesDifferAnywhere() {
    assertNotEquals(Secret.of(VALUE), Secret.of(VALUE + "x"));
    assertNotEquals(Secret.of(VALUE), Secret.of("x" + VALUE.substring(1)));
    assertNotEquals(Secret.of(VALUE), Secret.of(VALUE.substring(0, VALUE.length() - 1) + "X"));
    assertNotEquals(Secret.of(VALUE), Secret.of(""));
    assertNotEquals(Secret.of(VALUE), VALUE);
  }

  @Test
  public void hashCodeSaysNothingOfTheValue() {
    Set<Integer> hashes = new HashSet<>();
    for (String value : new String[] {"", "a", "b", VALUE}) {
      hashes.add(Secret.of(value).hashCode());
    }
    assertEquals(1, hashes.size());
  }

  @Test(expected = NullPointerException.class)
  public void refusesNull() {
    Secret.of(null);
  }
}
