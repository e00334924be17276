package dev.junction.core.driver.host;

import dev.junction.core.driver.EndpointContext;
import dev.junction.core.driver.JoinInfo;
import dev.junction.core.driver.NetworkContext;
import dev.junction.core.driver.NetworkDriver;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.store.Scope;
import java.util.Map;

/**
 * Docker's host driver. A sandbox on the host network uses the host's namespace itself, so there is
 * nothing to build: the network exists once ({@code host}, predefined) and its endpoints are
 * bookkeeping.
 */
public final class HostDriver implements NetworkDriver {

  @Override
  public String name() {
    return "host";
  }

  @Override
  public Scope scope() {
    return Scope.LOCAL;
  }

  @Override
  public boolean usesIpam() {
    return false;
  }

  @Override
  public Map<String, String> validateOptions(String networkName, Map<String, String> options) {
    if (!options.isEmpty()) {
      throw new InvalidParameterException(
          "network \""
              + networkName
              + "\": the host driver takes no options, got "
              + options.keySet());
    }
    return options;
  }

  @Override
  public void createNetwork(NetworkContext network) {}

  @Override
  public void deleteNetwork(NetworkContext network) {}

  @Override
  public void createEndpoint(NetworkContext network, EndpointContext endpoint) {}

  @Override
  public void deleteEndpoint(NetworkContext network, EndpointContext endpoint) {}

  @Override
  public JoinInfo join(NetworkContext network, EndpointContext endpoint) {
    return JoinInfo.NONE;
  }
}
