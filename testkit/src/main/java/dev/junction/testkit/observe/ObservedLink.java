package dev.junction.testkit.observe;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A link as an observer saw it, in the observer's own words: flags as {@code ip} prints them
 * ({@code UP}, {@code LOWER_UP}, ...), the master by name.
 *
 * @param kind the link kind ({@code bridge}, {@code veth}, ...), empty for none
 * @param vxlanId the VNI of a vxlan, else 0
 * @param macvlanMode the mode of a macvlan in lower case, else empty
 * @param bridgeMulticastSnooping whether a bridge snoops multicast; false for other kinds
 */
public record ObservedLink(
    int index,
    String name,
    String kind,
    int mtu,
    String mac,
    Set<String> flags,
    Optional<String> master,
    int group,
    List<String> altNames,
    int vxlanId,
    String vxlanLocal,
    int vxlanPort,
    boolean vxlanLearning,
    String macvlanMode,
    boolean bridgeMulticastSnooping) {

  public boolean isUp() {
    return flags.contains("UP");
  }
}
