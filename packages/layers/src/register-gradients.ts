// tfjs-core registers gradient functions only on request (the full `@tensorflow/tfjs` bundle does it
// for you). Layers are trained, so importing them registers every gradient once.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
