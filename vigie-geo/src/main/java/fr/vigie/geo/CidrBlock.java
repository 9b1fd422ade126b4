package fr.vigie.geo;

/**
 * An address block in CIDR notation ("198.51.100.0/25", "2001:db8::/32").
 *
 * @param network the block's first address (host bits cleared)
 * @param prefix the prefix length
 */
public record CidrBlock(IpAddress network, int prefix) {

  /** RFC 6598 shared address space: what operators number the inside of their CGNAT with. */
  public static final CidrBlock SHARED_ADDRESS_SPACE = parse("100.64.0.0/10");

  public CidrBlock {
    int max = network.isV6() ? 128 : 32;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix out of range: /" + prefix);
    }
  }

  /**
   * Parses "address/prefix"; a bare address is a /32 (or /128).
   *
   * @throws IllegalArgumentException when malformed or when host bits are set
   */
  public static CidrBlock parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    IpAddress address = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
    int prefix;
    try {
      prefix = slash < 0 ? (address.isV6() ? 128 : 32) : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR block: " + text);
    }
    CidrBlock block = new CidrBlock(address, prefix);
    if (!block.contains(address) || !sameAsNetwork(block)) {
      throw new IllegalArgumentException("host bits set in " + text);
    }
    return block;
  }

  private static boolean sameAsNetwork(CidrBlock b) {
    IpAddress a = b.network;
    if (!a.isV6()) {
      return (a.v4Bits() & ~mask32(b.prefix)) == 0;
    }
    long[] m = mask128(b.prefix);
    return (a.hiBits() & ~m[0]) == 0 && (a.loBits() & ~m[1]) == 0;
  }

  /** Returns whether the address lies in this block (never across IP versions). */
  public boolean contains(IpAddress address) {
    if (address.isV6() != network.isV6()) {
      return false;
    }
    if (!address.isV6()) {
      int m = mask32(prefix);
      return (address.v4Bits() & m) == (network.v4Bits() & m);
    }
    long[] m = mask128(prefix);
    return (address.hiBits() & m[0]) == (network.hiBits() & m[0])
        && (address.loBits() & m[1]) == (network.loBits() & m[1]);
  }

  static int mask32(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  static long[] mask128(int prefix) {
    long hi = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
    long lo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
    return new long[] {hi, lo};
  }

  @Override
  public String toString() {
    return network + "/" + prefix;
  }
}
