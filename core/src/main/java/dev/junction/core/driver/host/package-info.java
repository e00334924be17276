/**
 * The host driver: sandboxes that share the engine's host namespace; no interfaces, no addresses.
 */
package dev.junction.core.driver.host;
