import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describeDocExamples } from '../../../test-support/doc-examples';

// Every @example of src/ runs (issue 12 item 7), on tfjs's cpu backend as an application would have picked one.
describeDocExamples({ root: new URL('..', import.meta.url), setup: async () => void (await tf.setBackend('cpu')) });
