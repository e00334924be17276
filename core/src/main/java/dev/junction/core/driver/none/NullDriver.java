package dev.junction.core.driver.none;

import dev.junction.core.driver.EndpointContext;
import dev.junction.core.driver.JoinInfo;
import dev.junction.core.driver.NetworkContext;
import dev.junction.core.driver.NetworkDriver;
import dev.junction.core.error.InvalidParameterException;
import dev.junction.core.store.Scope;
import java.util.Map;

/**
 * Docker's null driver: a sandbox on the {@code none} network has its own namespace with nothing
 * but {@code lo}.
 */
public final class NullDriver implements NetworkDriver {

  @Override
  public String name() {
    return "null";
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
              + "\": the null driver takes no options, got "
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
