import { IsInt, Max, Min } from 'class-validator';
import { validateConfig } from '@foodcourt/platform-kernel';

/** Settings of the orders domain, from environment variables. */
export class OrdersConfig {
  /** A PENDING order untouched for this long is settled by the recovery sweep. */
  @IsInt() @Min(0) @Max(86_400_000) pendingTimeoutMs: number;
  /** How often the sweep looks for such orders. */
  @IsInt() @Min(100) @Max(3_600_000) recoveryIntervalMs: number;
}

/** Reads ORDERS_PENDING_TIMEOUT_MS (default 60 s) and ORDERS_RECOVERY_INTERVAL_MS (default 30 s). */
export function ordersConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  const int = (name: string, fallback: number) => (env[name] === undefined || env[name] === '' ? fallback : Number(env[name]));
  return validateConfig(
    OrdersConfig,
    { pendingTimeoutMs: int('ORDERS_PENDING_TIMEOUT_MS', 60_000), recoveryIntervalMs: int('ORDERS_RECOVERY_INTERVAL_MS', 30_000) },
    { pendingTimeoutMs: 'ORDERS_PENDING_TIMEOUT_MS', recoveryIntervalMs: 'ORDERS_RECOVERY_INTERVAL_MS' },
  );
}
