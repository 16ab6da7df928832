import { ClientCreateCommand } from './client-create.js';
import { ClientDeleteCommand } from './client-delete.js';
import { ClientEditCommand } from './client-edit.js';
import { ClientListCommand } from './client-list.js';
import { ClientViewCommand } from './client-view.js';
import { ContractCreateCommand } from './contract-create.js';
import { ContractDeleteCommand } from './contract-delete.js';
import { ContractEditCommand } from './contract-edit.js';
import { ContractListCommand } from './contract-list.js';
import { ContractPayCommand } from './contract-pay.js';
import { ContractSignCommand } from './contract-sign.js';
import { ContractViewCommand } from './contract-view.js';
import { EventAssignCommand } from './event-assign.js';
import { EventCreateCommand } from './event-create.js';
import { EventEditCommand } from './event-edit.js';
import { EventListCommand } from './event-list.js';
import { EventUnassignCommand } from './event-unassign.js';
import { EventViewCommand } from './event-view.js';
import { ExportCommand } from './export.js';
import { ImportClientsCommand } from './import-clients.js';
import { InitCommand } from './init.js';
import { LogCommand } from './log.js';
import { HistoryCommand } from './history.js';
import { AuditVerifyCommand } from './audit-verify.js';
import { LoginCommand } from './login.js';
import { LogoutCommand } from './logout.js';
import { UserCreateCommand } from './user-create.js';
import { UserDeleteCommand } from './user-delete.js';
import { UserEditCommand } from './user-edit.js';
import { UserListCommand } from './user-list.js';
import { UserViewCommand } from './user-view.js';
import { WhoamiCommand } from './whoami.js';

/** Every command of the CLI; each file holds one, and imports its heavy modules only when it runs. */
export const COMMANDS = [
  InitCommand,
  LoginCommand,
  LogoutCommand,
  WhoamiCommand,
  UserCreateCommand,
  UserListCommand,
  UserViewCommand,
  UserEditCommand,
  UserDeleteCommand,
  ClientCreateCommand,
  ClientListCommand,
  ClientViewCommand,
  ClientEditCommand,
  ClientDeleteCommand,
  ContractCreateCommand,
  ContractListCommand,
  ContractViewCommand,
  ContractEditCommand,
  ContractSignCommand,
  ContractPayCommand,
  ContractDeleteCommand,
  EventCreateCommand,
  EventListCommand,
  EventViewCommand,
  EventEditCommand,
  EventAssignCommand,
  EventUnassignCommand,
  LogCommand,
  HistoryCommand,
  AuditVerifyCommand,
  ImportClientsCommand,
  ExportCommand,
];
