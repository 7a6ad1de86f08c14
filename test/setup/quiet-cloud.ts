import { ListExecutionsCommand, ListStateMachinesCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, inject } from 'vitest';

/**
 * Test files share one local cloud and one simulated clock. After each file, executions it left
 * running are stopped (as an operator would with StopExecution), so that the next file's clock
 * moves do not wake dozens of someone else's pairings.
 */
afterAll(async () => {
  const cloud = inject('cloud');
  const sfn = new SFNClient({ endpoint: cloud.baseUrl, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const machines = (await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
  for (const m of machines) {
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: m.stateMachineArn, statusFilter: 'RUNNING', nextToken }));
      for (const e of page.executions ?? []) await sfn.send(new StopExecutionCommand({ executionArn: e.executionArn, cause: 'Test file finished' }));
      nextToken = page.nextToken;
    } while (nextToken);
  }
  sfn.destroy();
}, 120_000); // stopping dozens of executions on a busy machine is real work
