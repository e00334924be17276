/**
 * The driver SPI of the Container Network Model: what builds the data plane of a network type.
 * Drivers see the kernel only through the kernel interfaces, so every driver runs on the in-memory
 * fake in unit tests and on the real kernel in namespaces with the same tests.
 */
package dev.junction.core.driver;
