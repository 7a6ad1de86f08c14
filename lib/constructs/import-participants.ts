import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { importParticipantsDefinition } from '../workflows/import-participants';
import type { ProgramFunction } from './program-function';
import { grantWorkflowData, Workflow } from './workflow';

type MailBinding = Parameters<ProgramFunction['bindMailer']>[0];

export interface ImportParticipantsProps {
  readonly table: ITableV2;
  /** Where POST /participants/import stores the files (imports/<importId>.csv). */
  readonly bucket: s3.IBucket;
  readonly mail: MailBinding;
  /** Environment to issue the standing reply address the confirmation carries. */
  readonly replyEnvironment: Record<string, string>;
  readonly grantReplySigning: (fn: ProgramFunction) => void;
  /** Lets the step wake a pairing's execution (a chunk's people can end a pair in one reporting line). */
  readonly grantWake: (fn: ProgramFunction) => void;
  /** Encrypts the state machine, the bucket and the table. */
  readonly key: kms.IKey;
}

/** The prefix import files are stored under. */
export const IMPORT_PREFIX = 'imports/';

/**
 * CSV imports as jobs: the intake stores the file and starts this workflow, which enrols the rows
 * in chunks and sends their confirmations through the paced sender (docs/admin-api.md, "Import jobs").
 */
export class ImportParticipants extends Workflow<'step'> {
  constructor(scope: Construct, id: string, props: ImportParticipantsProps) {
    super(scope, id, {
      functions: {
        step: {
          entry: 'functions/import-participants.ts',
          description: 'ImportParticipants: enrols a chunk of an imported CSV file, sends its confirmations, ends the job',
          // A chunk's confirmations wait for their send slots: 250 take ~18 s at 14 a second, ~4 minutes at 1 (the sandbox).
          timeout: Duration.minutes(10),
          environment: { ...props.replyEnvironment, IMPORT_BUCKET: props.bucket.bucketName },
          bind: (fn) => {
            fn.bindTable(props.table, 'readWrite').bindMailer(props.mail);
            props.grantReplySigning(fn);
            props.grantWake(fn);
            ImportParticipants.allowImportFiles(fn, props.bucket, props.key, 'consume');
          },
        },
      },
      definition: (s, fns) => importParticipantsDefinition(s, fns),
      comment: 'crossgen ImportParticipants: one execution per CSV import, named by the import id',
      // 10,000 rows enrol in minutes; their confirmations at 1 a second (the SES sandbox) take under 3 hours.
      timeout: Duration.hours(12),
      key: props.key,
    });
  }

  /**
   * Reads (the workflow) or writes (the intake) import files only, and deletes them once no step
   * will read them again; and the key that encrypts them.
   * Role-side grants: bucket.grant* would edit the data stack's key policy and tie the stacks in a cycle.
   */
  static allowImportFiles(fn: ProgramFunction, bucket: s3.IBucket, key: kms.IKey, access: 'consume' | 'write'): void {
    fn.addEnvironment('IMPORT_BUCKET', bucket.bucketName);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [access === 'consume' ? 's3:GetObject' : 's3:PutObject', 's3:DeleteObject'],
        resources: [bucket.arnForObjects(`${IMPORT_PREFIX}*`)],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: access === 'consume' ? ['kms:Decrypt'] : ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
    );
    // The bucket's ARN is an export name chosen while synthesizing: acknowledged once it is known.
    const policy = fn.role!.node.findChild('DefaultPolicy');
    fn.node.addValidation({
      validate: () => {
        const arn = Stack.of(fn).resolve(bucket.bucketArn) as string | { 'Fn::ImportValue'?: string; 'Fn::GetAtt'?: [string, string] };
        const shown =
          typeof arn === 'string' ? arn : (arn['Fn::ImportValue'] ?? (arn['Fn::GetAtt'] ? `<${arn['Fn::GetAtt'].join('.')}>` : JSON.stringify(arn)));
        acknowledge(
          policy,
          `AwsSolutions-IAM5[Resource::${shown}/${IMPORT_PREFIX}*]`,
          'Import files are named by their import id (imports/<importId>.csv), unknown until an import arrives; no other object of the bucket is granted.',
        );
        return [];
      },
    });
  }

  /** Lets the intake start imports (StartExecution on this machine only, through the data key). */
  grantStart(fn: ProgramFunction, key: kms.IKey): void {
    fn.addEnvironment('IMPORT_JOBS_ARN', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(fn);
    grantWorkflowData(fn, key);
  }
}
