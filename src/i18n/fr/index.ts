/** Le catalogue français : le même ensemble de clés que l'anglais (en/index.ts), exigé par le compilateur. */
import type { Catalog } from '../en/index.js';
import type { LocaleInfo } from '../locale.js';
import type { Wordings } from '../wordings.js';
import { accounts } from './accounts.js';
import { audit } from './audit.js';
import { auditChain } from './audit-chain.js';
import { cli } from './cli.js';
import { cluster } from './cluster.js';
import { config } from './config.js';
import { crm } from './crm.js';
import { engine } from './engine.js';
import { faults } from './faults.js';
import { help } from './help.js';
import { lists } from './lists.js';
import { menu } from './menu.js';
import { monitoring } from './monitoring.js';
import { policy } from './policy.js';
import { privacy } from './privacy.js';
import { readDb } from './read-db.js';
import { readSide } from './read-side.js';
import { readable } from './readable.js';
import { sessions } from './sessions.js';
import { store } from './store.js';
import { transfer } from './transfer.js';
import { users } from './users.js';
import { values } from './values.js';

export const catalog = {
  ...policy,
  ...accounts,
  ...users,
  ...sessions,
  ...values,
  ...config,
  ...faults,
  ...store,
  ...readDb,
  ...audit,
  ...transfer,
  ...monitoring,
  ...cluster,
  ...readSide,
  ...cli,
  ...menu,
  ...help,
  ...auditChain,
  ...readable,
  ...crm,
  ...engine,
  ...privacy,
  ...lists,
} satisfies Wordings<Catalog>;

// Guillemets with the no-break spaces French typography puts inside them.
export const locale: LocaleInfo = { tag: 'fr-FR', quotes: ['«\u00a0', '\u00a0»'] };
