// The arrow head the run views draw at the end of an arrow (a join in the sampled timeline, a
// signal in the exact one): an SVG <marker> for an <svg>'s <defs>, filled in the colour of the
// line that uses it (context-stroke), so one marker serves arrows of every colour.
export function ArrowHead({ id }: { id: string }) {
  return (
    <marker id={id} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
    </marker>
  );
}
