-- A saved product version is a contract: assessments and decisions cite it by id and are
-- re-explained from it years later. Its terms (configuration and dates in force) can never change;
-- only its status may move (draft → active → retired). A change of terms is a new version.
CREATE FUNCTION product_versions_terms_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.config IS DISTINCT FROM OLD.config
     OR NEW.effective_from IS DISTINCT FROM OLD.effective_from
     OR NEW.product_id IS DISTINCT FROM OLD.product_id
     OR NEW.version IS DISTINCT FROM OLD.version THEN
    RAISE EXCEPTION 'product version % is immutable: save a new version instead', OLD.id;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER product_versions_terms_immutable BEFORE UPDATE ON product_versions
  FOR EACH ROW EXECUTE FUNCTION product_versions_terms_immutable();

CREATE FUNCTION product_versions_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'product versions are never deleted (% refused)', OLD.id;
END;
$$;
CREATE TRIGGER product_versions_no_delete BEFORE DELETE ON product_versions
  FOR EACH ROW EXECUTE FUNCTION product_versions_no_delete();
