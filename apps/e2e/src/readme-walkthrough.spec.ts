import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT, type UnitProcess } from '@foodcourt/platform-testing';
import { mailFiles, monolith, suiteDir } from './support/monolith';

/** The README's curl walk-through, exactly as written, pointed at a live monolith. */
function walkthroughScript(baseUrl: string): string {
  const readme = readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\s*```bash\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no walkthrough block');
  const script = block[1]!;
  if (!script.includes('BASE=http://localhost:3000')) throw new Error('walkthrough no longer starts with BASE=http://localhost:3000');
  return script.replace('BASE=http://localhost:3000', `BASE=${baseUrl}`);
}

describe('README walk-through', () => {
  const dataDir = suiteDir('readme');
  let unit: UnitProcess;

  beforeAll(async () => {
    unit = await monolith(dataDir, { IDENTITY_ADMIN_EMAIL: 'admin@example.com', IDENTITY_ADMIN_PASSWORD: 'change-me-Admin-1' }).start();
  });
  afterAll(async () => {
    await unit?.stop();
  });

  it('works as written', async () => {
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', walkthroughScript(unit.url)], { cwd: dataDir });
    expect(stdout).toContain('"sku":"PIZZA-MARGHERITA"');
    expect(stdout).toContain('"status":"CONFIRMED"');
    expect(stdout).toContain('"status":"CAPTURED"');
    expect(stdout).toContain('"stock":48');
    expect(stdout).toContain('"template":"order-confirmed"');
    expect(stdout).toContain('"template":"welcome"');
    expect(stdout).toContain('"status":"CANCELLED"');
    expect(stdout).toContain('"code":"PAYMENT_DECLINED"');
    expect(stdout).toContain('"code":"VALIDATION_FAILED"');
    expect(stdout).toContain('lines.0.quantity');
    expect(mailFiles(dataDir).some((m) => m.text.includes('To: ada@example.com'))).toBe(true);
  });
});
