package dev.junction.kernel.nft;

/** The address family of an nftables table. */
public enum NftFamily {
  IP,
  IP6,
  INET,
  ARP,
  BRIDGE,
  NETDEV;

  /** The word nft uses: {@code ip}, {@code inet}, ... */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static NftFamily fromKeyword(String keyword) {
    for (NftFamily family : values()) {
      if (family.keyword().equals(keyword)) {
        return family;
      }
    }
    throw new IllegalArgumentException("unknown nftables family \"" + keyword + "\"");
  }
}
