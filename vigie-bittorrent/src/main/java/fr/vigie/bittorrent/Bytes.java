package fr.vigie.bittorrent;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Immutable raw bytes for records: copied in and out, compared by content. */
public record Bytes(byte[] value) {

  public Bytes {
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  public String hex() {
    return HexFormat.of().formatHex(value);
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(value, b.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Bytes[" + value.length + "]";
  }
}
