/** What happened: the events the controller reports after each completed change. */
package dev.junction.core.event;
