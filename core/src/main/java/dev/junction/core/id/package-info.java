/**
 * Identifiers of networks, endpoints and sandboxes: 64 lower-case hex characters drawn at random,
 * as Docker's, so that tools and people who know Docker's IDs recognise them.
 */
package dev.junction.core.id;
