import { SerialQueue } from './serial-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialQueue', () => {
  it('runs tasks one at a time, in arrival order, and resolves each with its result', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([queue.run(task('a', 15)), queue.run(task('b', 1)), queue.run(task('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(maxRunning).toBe(1);
  });

  it('keeps running later tasks after one rejects, and rejects only that one', async () => {
    const queue = new SerialQueue();
    const ran: string[] = [];
    const first = queue.run(async () => {
      ran.push('first');
      return 1;
    });
    const failing = queue.run(async () => {
      ran.push('failing');
      await sleep(2);
      throw new Error('task failed');
    });
    const after = queue.run(async () => {
      ran.push('after');
      return 3;
    });
    await expect(first).resolves.toBe(1);
    await expect(failing).rejects.toThrow('task failed');
    await expect(after).resolves.toBe(3);
    expect(ran).toEqual(['first', 'failing', 'after']);
  });

  it('keeps running after a task that throws synchronously', async () => {
    const queue = new SerialQueue();
    const failing = queue.run((() => {
      throw new Error('sync failure');
    }) as () => Promise<never>);
    await expect(failing).rejects.toThrow('sync failure');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });
});
