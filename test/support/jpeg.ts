// Test materials are the same samples a person can generate to try the API by hand.
export { samplePhoto as validPhoto, sampleScan as validScan } from '../../tools/sample-materials.ts';
