package org.multilevel.host;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.multilevel.api.descriptor.AnalysisDescriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Registers one {@link AnalysisDescriptor} service per analysis of the {@link Catalogue}, with the properties
 * {@code multilevel.analysis} (id) and {@code multilevel.menu} (menu path joined by "/"). The descriptor is a
 * value record, so it is registered by this component rather than being a component itself.
 */
@Component(immediate = true)
public final class DescriptorRegistrar {
    public static final String ANALYSIS = "multilevel.analysis";
    public static final String MENU = "multilevel.menu";

    private final List<ServiceRegistration<AnalysisDescriptor>> registrations = new ArrayList<>();

    @Activate
    void activate(BundleContext context) {
        for (AnalysisDescriptor d : Catalogue.all()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(ANALYSIS, d.id());
            properties.put(MENU, String.join("/", d.menuPath()));
            registrations.add(context.registerService(AnalysisDescriptor.class, d, properties));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<AnalysisDescriptor> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregisters a stopping bundle's services itself
            }
        }
        registrations.clear();
    }
}
