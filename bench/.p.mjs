const { register } = await import('tsx/esm/api'); register();
const { startDynamoDbLocal } = await import('../local/dynamodb.ts');
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const d = await startDynamoDbLocal();
  console.log('dynamo ready', (performance.now() - t).toFixed(0));
  await d.stop();
}
process.exit(0);
