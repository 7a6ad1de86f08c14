import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// Kept free of aws-cdk-lib: the local cloud reads these without loading the CDK.

/** Repository root, so that entries are given relative to it and recorded the same way. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Template metadata key under which each function records its handler's source file. */
export const ENTRY_METADATA_KEY = 'crossgen:entry';
