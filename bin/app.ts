import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCrossgen } from '../lib/crossgen';

const app = new App();
buildCrossgen(app);
// cdk-nag on every stack: unsuppressed errors fail `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
