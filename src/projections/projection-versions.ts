import type { ProjectionName } from './projection-names.js';

/**
 * Each projection's code version: when it differs from the one its tables were
 * built with, the next catch-up rebuilds them. Kept here, apart from the
 * projections (which take theirs from it), so that a command finding the read
 * side caught up learns it without loading any projection (caught-up.ts).
 */
export const PROJECTION_VERSIONS: Readonly<Record<ProjectionName, number>> = {
  // 2: `disabled` (user disable / enable).
  users: 2,
  clients: 1,
  // 2: `contracts_client_idx` on (client_id, unpaid, created_at, id): a commercial's unpaid contracts by index alone (B6).
  contracts: 2,
  // 2: `cancelled` and `cancel_reason` (event cancel).
  occasions: 2,
  command_log: 3,
};
