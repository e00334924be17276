/**
 * nftables rulesets built from validated parts, so that nothing a user typed can change what the
 * ruleset means. Rules come from code-owned templates whose holes take typed values (addresses,
 * prefixes, numbers) or strings that are validated and quoted; names are checked identifiers.
 * Applying a {@link dev.junction.kernel.nft.NftRuleset} is atomic: all of it or nothing.
 */
package dev.junction.kernel.nft;
