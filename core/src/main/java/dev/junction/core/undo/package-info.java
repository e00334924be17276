/** Multi-step changes that either complete or leave no trace. */
package dev.junction.core.undo;
