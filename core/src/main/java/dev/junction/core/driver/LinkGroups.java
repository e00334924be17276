package dev.junction.core.driver;

/**
 * Link groups that mark Junction's links in the kernel, so that a restart can tell them from
 * everyone else's: live links, and links waiting to be deleted in the next batch.
 */
public final class LinkGroups {
  private LinkGroups() {}

  /** Links Junction made and uses: bridges, host ends of veths. ("junc") */
  public static final int LIVE = 0x6a756e63;

  /** Links taken out of use, to be deleted by the next batch. ("jdel") */
  public static final int PENDING_DELETION = 0x6a64656c;

  /**
   * Links taken out of use whose deletion holds the networking lock long (bridges), to be deleted
   * when network changes pause. ("jdsl")
   */
  public static final int PENDING_SLOW_DELETION = 0x6a64736c;
}
