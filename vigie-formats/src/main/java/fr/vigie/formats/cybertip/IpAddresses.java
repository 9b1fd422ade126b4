package fr.vigie.formats.cybertip;

/**
 * Parses IP address literals without ever touching DNS, and writes them canonically: IPv4 dotted
 * decimal, IPv6 as RFC 5952 (lower-case, longest run of two or more zero groups as {@code ::}),
 * IPv4-mapped IPv6 folded to IPv4. Zone ids, leading zeros in IPv4 parts (octal ambiguity) and
 * anything else are invalid.
 */
public final class IpAddresses {

  private IpAddresses() {}

  /** Returns the canonical form of {@code text}, or null when it is not an IP literal. */
  public static String canonical(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.indexOf(':') < 0) {
      int[] v4 = parseV4(s);
      return v4 == null ? null : formatV4(v4, 0);
    }
    int[] groups = parseV6(s);
    if (groups == null) {
      return null;
    }
    boolean mapped = true;
    for (int i = 0; i < 5; i++) {
      mapped &= groups[i] == 0;
    }
    if (mapped && groups[5] == 0xffff) {
      return formatV4(new int[] {groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8,
          groups[7] & 0xff}, 0);
    }
    return formatV6(groups);
  }

  private static int[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] out = new int[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      for (int j = 0; j < p.length(); j++) {
        if (p.charAt(j) < '0' || p.charAt(j) > '9') {
          return null;
        }
      }
      out[i] = Integer.parseInt(p);
      if (out[i] > 255) {
        return null;
      }
    }
    return out;
  }

  private static int[] parseV6(String s) {
    if (s.length() > 45) {
      return null;
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap >= 0 ? s.substring(0, gap) : s;
    String tail = gap >= 0 ? s.substring(gap + 2) : "";
    int[] h = groups(head, gap < 0 || tail.isEmpty());
    int[] t = gap >= 0 ? groups(tail, true) : new int[0];
    if (h == null || t == null) {
      return null;
    }
    int total = h.length + t.length;
    if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
      return null;
    }
    int[] out = new int[8];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(t, 0, out, 8 - t.length, t.length);
    return out;
  }

  /** Groups of one side of {@code ::}; the last may be a dotted IPv4 when allowed. */
  private static int[] groups(String side, boolean v4TailAllowed) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    int[] out = new int[parts.length + 1];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (i == parts.length - 1 && v4TailAllowed && p.indexOf('.') >= 0) {
        int[] v4 = parseV4(p);
        if (v4 == null) {
          return null;
        }
        out[n++] = v4[0] << 8 | v4[1];
        out[n++] = v4[2] << 8 | v4[3];
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        int d = Character.digit(p.charAt(j), 16);
        if (d < 0) {
          return null;
        }
        v = v << 4 | d;
      }
      out[n++] = v;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static String formatV4(int[] b, int from) {
    return b[from] + "." + b[from + 1] + "." + b[from + 2] + "." + b[from + 3];
  }

  private static String formatV6(int[] g) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
