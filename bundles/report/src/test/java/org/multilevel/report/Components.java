package org.multilevel.report;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The real DS components of the bundles on the test class path, found through their OSGI-INF descriptors
 * (so the tests follow renames inside other bundles) and created with their constructor references.
 */
final class Components {
    /** One component descriptor: what it provides, its implementation class and its service properties. */
    record Descriptor(List<String> provides, String implementation, Map<String, String> properties) {
        int ranking() {
            return Integer.parseInt(properties.getOrDefault("service.ranking", "0"));
        }
    }

    private static List<Descriptor> descriptors;

    private Components() {
    }

    static synchronized List<Descriptor> descriptors() {
        if (descriptors != null) return descriptors;
        List<Descriptor> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !entry.contains("multilevel")) continue;
            try (JarFile jar = new JarFile(entry)) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    // component descriptors only (OSGI-INF/metatype/ describes configurations)
                    if (!e.getName().startsWith("OSGI-INF/") || !e.getName().endsWith(".xml")
                            || e.getName().indexOf('/', "OSGI-INF/".length()) >= 0) continue;
                    try (InputStream in = jar.getInputStream(e)) {
                        out.add(parse(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)));
                    }
                }
            } catch (Exception ex) {
                throw new IllegalStateException("cannot read the components of " + entry, ex);
            }
        }
        descriptors = out;
        return out;
    }

    private static Descriptor parse(Document doc) {
        List<String> provides = new ArrayList<>();
        NodeList p = doc.getElementsByTagName("provide");
        for (int i = 0; i < p.getLength(); i++) provides.add(((Element) p.item(i)).getAttribute("interface"));
        Map<String, String> properties = new HashMap<>();
        NodeList props = doc.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element e = (Element) props.item(i);
            String value = e.hasAttribute("value") ? e.getAttribute("value") : e.getTextContent().trim();
            properties.put(e.getAttribute("name"), value);
        }
        String impl = ((Element) doc.getElementsByTagName("implementation").item(0)).getAttribute("class");
        return new Descriptor(provides, impl, properties);
    }

    /** Every component providing the service, highest ranking first. */
    static <T> List<T> all(Class<T> service, java.util.function.Predicate<Descriptor> filter) {
        List<Descriptor> matching = new ArrayList<>();
        for (Descriptor d : descriptors()) {
            if (d.provides().contains(service.getName()) && filter.test(d)) matching.add(d);
        }
        matching.sort((a, b) -> Integer.compare(b.ranking(), a.ranking()));
        List<T> out = new ArrayList<>();
        for (Descriptor d : matching) out.add(service.cast(create(d.implementation())));
        return out;
    }

    static <T> T one(Class<T> service) {
        List<T> all = all(service, d -> true);
        if (all.isEmpty()) throw new IllegalStateException("no component provides " + service.getName());
        return all.get(0);
    }

    /** Creates a component, passing its constructor references (the constructor with most parameters). */
    private static Object create(String className) {
        try {
            Class<?> type = Class.forName(className);
            Constructor<?> best = null;
            for (Constructor<?> c : type.getConstructors()) {
                // a configuration (an annotation type) is not a reference: such a component keeps its defaults
                if (java.util.Arrays.stream(c.getParameterTypes()).anyMatch(Class::isAnnotation)) continue;
                if (best == null || c.getParameterCount() > best.getParameterCount()) best = c;
            }
            Object[] args = new Object[best.getParameterCount()];
            for (int i = 0; i < args.length; i++) args[i] = one(best.getParameterTypes()[i]);
            return best.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create component " + className, e);
        }
    }
}
