const MAX_DEADLOCK_RETRIES = 5;

/**
 * Runs a transaction again when MySQL chose it as a deadlock victim (two
 * projectors creating the same checkpoint rows at once can meet there): the
 * transaction was rolled back whole, so running it again is safe.
 */
export async function retryOnDeadlock<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== 'ER_LOCK_DEADLOCK' || attempt >= MAX_DEADLOCK_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}
