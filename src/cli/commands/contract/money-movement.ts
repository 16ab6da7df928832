import { Option } from 'clipanion';
import { viewContract } from '../../../commands/read-access.js';
import type { AccountCommand } from '../../../domain/accounts/account-commands.js';
import { parseAmount } from '../../../domain/values/money.js';
import type { ContractRecord } from '../../../records.js';
import { MutationCommand } from '../../base-command.js';
import { required } from '../../prompt.js';
import { changeAccountRecord } from '../../record-change.js';
import type { Runtime } from '../../runtime.js';

/** What tells a payment from a refund: everything else about moving money on a contract is the same. */
export interface MoneyMovement {
  readonly command: 'contract pay' | 'contract refund';
  readonly type: Extract<AccountCommand['type'], 'RecordPayment' | 'RecordRefund'>;
  /** The prompt's label when `--amount` is not given: what can move (remaining to pay, or paid so far). */
  label(contract: ContractRecord): string;
  /** The line printed once the amount moved. */
  done(words: { id: string; amountCents: number; remainingCents: number }): string;
}

/** `epic contract pay|refund <id> --amount A`: an amount moved on a contract, asked for on a terminal when not given. */
export abstract class MoneyMovementCommand extends MutationCommand {
  id = Option.String({ name: 'id' });
  amount = Option.String('--amount');

  protected abstract readonly movement: MoneyMovement;

  protected async run(runtime: Runtime): Promise<void> {
    const { command, type, label, done } = this.movement;
    let amountCents = 0;
    const { id } = await changeAccountRecord(
      this,
      runtime,
      command,
      { id: this.id, amount: this.amount },
      { noun: 'contracts', idOrPrefix: this.id },
      async (contractId, contract) => {
        const asked = await required(this.context, this.amount, { option: '--amount', label: label(contract), kind: 'amount' });
        amountCents = parseAmount(asked, '--amount');
        return { type, data: { contractId, amountCents } };
      },
    );
    const after = await viewContract(await runtime.readDb(), await runtime.actor(), id);
    this.write(done({ id, amountCents, remainingCents: parseAmount(after.remainingAmount) }));
  }
}
