import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { ConfigError, validateConfig } from '@foodcourt/platform-kernel';

/** How events are relayed and retried. Built from environment variables and validated. */
export class MessagingConfig {
  /** Whether this process relays its outboxes (off: events wait in the outbox, nothing is lost). */
  @IsBoolean()
  relayEnabled: boolean;

  /** How often outboxes and inboxes are polled when nothing nudges them, in ms. */
  @IsInt()
  @Min(10)
  @Max(60_000)
  pollIntervalMs: number;

  /** Attempts a subscriber gets before its event is dead-lettered. */
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts: number;

  /** First retry delay in ms; doubled on each further failure. */
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  retryBaseMs: number;

  /** Longest retry delay in ms. */
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  retryMaxMs: number;
}

/** Reads OUTBOX_RELAY, EVENT_POLL_MS, EVENT_MAX_ATTEMPTS, EVENT_RETRY_BASE_MS, EVENT_RETRY_MAX_MS. */
export function messagingConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  const int = (name: string, fallback: number) => (env[name] === undefined ? fallback : Number(env[name]));
  const relay = env['OUTBOX_RELAY'] ?? 'on';
  if (relay !== 'on' && relay !== 'off') throw new ConfigError(`invalid configuration: OUTBOX_RELAY must be "on" or "off", got "${relay}"`);
  return validateConfig(
    MessagingConfig,
    {
      relayEnabled: relay === 'on',
      pollIntervalMs: int('EVENT_POLL_MS', 500),
      maxAttempts: int('EVENT_MAX_ATTEMPTS', 5),
      retryBaseMs: int('EVENT_RETRY_BASE_MS', 1_000),
      retryMaxMs: int('EVENT_RETRY_MAX_MS', 60_000),
    },
    {
      pollIntervalMs: 'EVENT_POLL_MS',
      maxAttempts: 'EVENT_MAX_ATTEMPTS',
      retryBaseMs: 'EVENT_RETRY_BASE_MS',
      retryMaxMs: 'EVENT_RETRY_MAX_MS',
    },
  );
}

/** Delay before attempt `attempt + 1`: exponential from retryBaseMs, capped, with ±20 % jitter. */
export function retryDelayMs(config: MessagingConfig, attempt: number): number {
  const exponential = Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}
