/**
 * The one error hierarchy of the engine. Each kind maps to one HTTP status in the daemon: invalid
 * parameter 400, not found 404, conflict 409, forbidden 403, not implemented 501, unavailable 503,
 * internal 500. Messages are lower case, name the object and quote values, and say what to do when
 * there is something to do.
 */
package dev.junction.core.error;
