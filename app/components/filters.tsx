/** The pieces of a list's GET filter form: a labelled choice with an "any" option, and its button. */

export function FilterSelect({ name, label, value, any, options }: { name: string; label: string; value: string | number | undefined | null; any: string; options: readonly (readonly [string | number, string])[] }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterSubmit({ label = "Show" }: { label?: string }) {
  return (
    <div className="filters__actions">
      <button className="button button--secondary" type="submit">
        {label}
      </button>
    </div>
  );
}
