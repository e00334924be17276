/** Handles on network namespaces. */
package dev.junction.kernel.ns;
