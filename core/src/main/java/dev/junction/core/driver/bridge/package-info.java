/** The bridge driver: one Linux bridge per network, one veth pair per endpoint. */
package dev.junction.core.driver.bridge;
