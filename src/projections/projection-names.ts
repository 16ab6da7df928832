/**
 * The product's projections by name, and the names people use for them.
 * Checkpoints are stored under the code's names (`occasions`, `command_log`);
 * a person reads the CLI's words instead (`events`, `log`; the catalogue's
 * `projection.name.*`, « événements » in French) and may type any of them,
 * in either language, to `epic projection rebuild`.
 */
export type ProjectionName = 'users' | 'clients' | 'contracts' | 'occasions' | 'command_log';

/** Every name `projection rebuild` accepts for each projection, besides its own: the English and French words, lower case. */
const ALIASES: Readonly<Record<ProjectionName, readonly string[]>> = {
  users: ['user', 'utilisateurs', 'utilisateur'],
  clients: ['client'],
  contracts: ['contract', 'contrats', 'contrat'],
  occasions: ['events', 'event', 'événements', 'événement', 'evenements', 'evenement'],
  command_log: ['log', 'command-log', 'journal'],
};

export function isProjectionName(name: string): name is ProjectionName {
  return Object.hasOwn(ALIASES, name);
}

/**
 * The stored name a person's word names: the name itself when it is one, else
 * the projection one of its aliases belongs to (any case); undefined for a
 * word nobody uses.
 */
export function projectionNamed(word: string): string | undefined {
  if (isProjectionName(word)) return word;
  const lower = word.trim().toLowerCase();
  for (const [name, aliases] of Object.entries(ALIASES)) if (name === lower || aliases.includes(lower)) return name;
  return undefined;
}
