import { describeDocExamples } from '../../../test-support/doc-examples';

// Every @example of src/ and of the README runs (issue 12 item 7), and every export has one.
describeDocExamples({ root: new URL('..', import.meta.url), readme: true, examplePerExport: true });
