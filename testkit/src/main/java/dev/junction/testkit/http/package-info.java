/** A minimal HTTP client over unix sockets, for tests of the daemon's API. */
package dev.junction.testkit.http;
