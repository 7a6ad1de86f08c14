// asl-validator 4.0.0 ships no type declarations: the part the infra tests call.
declare module 'asl-validator' {
  interface AslValidatorOptions {
    readonly checkPaths?: boolean;
    readonly checkArn?: boolean;
  }
  interface AslValidatorOutput {
    readonly isValid: boolean;
    readonly errors: readonly { readonly 'Error code': string; readonly Message: string }[];
  }
  export default function aslValidator(definition: unknown, options?: AslValidatorOptions): AslValidatorOutput;
}
