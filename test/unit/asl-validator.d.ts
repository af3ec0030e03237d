// asl-validator ships no types; this is the part of its API the tests use.
declare module 'asl-validator' {
  interface Result {
    isValid: boolean;
    errors: { message: string; path?: string }[];
    errorsText: (separator?: string) => string;
  }
  export default function validator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): Result;
}
