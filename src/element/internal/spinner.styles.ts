/**
 * The loading ring of both elements, as CSS text for each element's own sheet: its track in the
 * element's muted color and its turning quarter in its accent color (each element's own custom
 * properties, so a page styles the two apart), its turn, and no turn when less motion is asked for.
 * Its size is the element's, in a `.spinner` rule of its own sheet. Text rather than a sheet of its
 * own: each drop-in then adopts one sheet, and its minifier, seeing one call with constant
 * arguments, writes the ring into that sheet's text (with the size passed in, which the ring would
 * use twice, terser keeps the call: 27 B gzip more on the core drop-in's entry).
 */
export const spinner = (track: string, accent: string): string => /* css */ `
  .spinner {
    border-radius: 50%;
    border: 3px solid var(${track});
    border-top-color: var(${accent});
    animation: spin .9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  /* Less motion asked for (prefers-reduced-motion: reduce): a still ring, which keeps its role and label. */
  @media (prefers-reduced-motion) {
    .spinner {
      animation: none;
    }
  }
`;
