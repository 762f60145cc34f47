package dev.wgform.render;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelIterator;
import freemarker.template.TemplateSequenceModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain data (maps, lists, strings, booleans) turned once into immutable FreeMarker models. Templates then read
 * values without any object wrapping at lookup, models can be shared between hosts and threads, and nothing but
 * plain data can reach a template: any other type is refused here.
 */
final class FrozenModel {
    private FrozenModel() {}

    static TemplateModel of(Object value) {
        if (value instanceof TemplateModel) return (TemplateModel) value; // already frozen (a shared peer model)
        if (value instanceof String) return new SimpleScalar((String) value);
        if (value instanceof Boolean) return (Boolean) value ? TemplateBooleanModel.TRUE : TemplateBooleanModel.FALSE;
        if (value instanceof Map) return hash((Map<?, ?>) value);
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<TemplateModel> items = new ArrayList<>(list.size());
            for (Object o : list) items.add(of(o));
            return new Sequence(items);
        }
        throw new IllegalArgumentException("templates get plain data only, not " + (value == null ? "null" : value.getClass().getName()));
    }

    static Hash hash(Map<?, ?> map) {
        Map<String, TemplateModel> values = new LinkedHashMap<>(map.size() * 2);
        map.forEach((k, v) -> values.put((String) k, of(v)));
        return new Hash(Collections.unmodifiableMap(values));
    }

    /** A read-only hash; {@code ?keys}, {@code ?values} and listing work as on any FreeMarker hash. */
    static final class Hash implements TemplateHashModelEx {
        private final Map<String, TemplateModel> values;

        private Hash(Map<String, TemplateModel> values) {
            this.values = values;
        }

        @Override
        public TemplateModel get(String key) {
            return values.get(key);
        }

        @Override
        public boolean isEmpty() {
            return values.isEmpty();
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public TemplateCollectionModel keys() {
            List<TemplateModel> keys = new ArrayList<>(values.size());
            for (String k : values.keySet()) keys.add(new SimpleScalar(k));
            return new Sequence(keys);
        }

        @Override
        public TemplateCollectionModel values() {
            return new Sequence(new ArrayList<>(values.values()));
        }
    }

    /** A read-only sequence, also listable as a collection. */
    static final class Sequence implements TemplateSequenceModel, TemplateCollectionModel {
        private final List<TemplateModel> items;

        Sequence(List<TemplateModel> items) {
            this.items = items;
        }

        @Override
        public TemplateModel get(int index) {
            return index >= 0 && index < items.size() ? items.get(index) : null;
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public TemplateModelIterator iterator() {
            return new TemplateModelIterator() {
                private int next;

                @Override
                public TemplateModel next() {
                    return items.get(next++);
                }

                @Override
                public boolean hasNext() {
                    return next < items.size();
                }
            };
        }
    }
}
