/** The null driver: sandboxes with loopback only. */
package dev.junction.core.driver.none;
