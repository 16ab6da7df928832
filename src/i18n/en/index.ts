/**
 * The English catalogue: every text a person reads, by key. It is the
 * reference: its type is the `Catalog` every other language implements whole
 * (fr/index.ts), so a key missing in one language does not compile. One
 * module per area keeps each short; this one gathers them.
 */
import type { LocaleInfo } from '../locale.js';
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
};

export type Catalog = typeof catalog;

// What msg() accepts is this catalogue's keys and parameters (message.ts declares the interface empty).
declare module '../message.js' {
  interface CatalogEntries extends Catalog {}
}

export const locale: LocaleInfo = { tag: 'en-GB', quotes: ['“', '”'] };
