// The part of addons-linter's API that build/lint-firefox.js uses (the package ships no types).
declare module 'addons-linter' {
  interface Finding {
    code: string;
    message: string;
    file?: string;
  }
  interface Results {
    count: number;
    summary: { errors: number; warnings: number; notices: number };
    errors: Finding[];
    warnings: Finding[];
    notices: Finding[];
  }
  const addonsLinter: {
    createInstance(options: { config: Record<string, unknown>; runAsBinary: boolean }): { run(): Promise<Results> };
  };
  export default addonsLinter;
}
