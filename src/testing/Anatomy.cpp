#include "Anatomy.h"

#include <stdexcept>

namespace mensura::imaging::phantom {
namespace {

// Body heights (mm) by region; discs 4 mm.
double nominalHeight(const std::string& level) {
    if (level == "C1") return 10;
    if (level == "C2") return 18;
    if (level[0] == 'C') return 14;
    return 17;
}

void addBone(Scene& s, const Solid& outer, double cortexMm, const std::string& name, Vertebra& v) {
    s.add(outer, Tissue::Cortex, name + " cortex");
    s.add(outer.grown(-cortexMm), Tissue::Cancellous, name + " cancellous");
    v.bone.push_back(outer);
}

}  // namespace

const Vertebra& Spine::at(const std::string& level) const {
    for (const auto& v : vertebrae)
        if (v.level == level) return v;
    throw std::out_of_range("no vertebra " + level);
}

void addNeck(Scene& scene, double zLow, double zHigh, Vec3 off) {
    const double zc = (zLow + zHigh) / 2, h = (zHigh - zLow) / 2;
    scene.add(Solid::cylinder(off + Vec3{0, 4, zc}, 62, 58, h), Tissue::Fat, "subcutaneous fat");
    scene.add(Solid::cylinder(off + Vec3{0, 4, zc}, 55, 51, h), Tissue::Muscle, "neck muscles");
    scene.add(Solid::cylinder(off + Vec3{0, -34, zc}, 8, 7, h), Tissue::Air, "airway");
}

Spine addSpine(Scene& scene, const SpineOptions& o) {
    Spine spine;
    double z = o.topZ;
    double zTop = z + 10, zBottom = z;
    for (std::size_t n = 0; n < o.levels.size(); ++n) {
        const std::string& level = o.levels[n];
        Vertebra v;
        v.level = level;
        v.nominalHeightMm = nominalHeight(level);
        const auto c = o.collapse.find(level);
        v.bodyHeightMm = v.nominalHeightMm * (c == o.collapse.end() ? 1.0 : c->second);
        if (n > 0) z -= spine.vertebrae.back().bodyHeightMm / 2 + 4 + v.bodyHeightMm / 2;
        const PointLps centre = o.offset + Vec3{0, -12, z};
        v.bodyCentre = centre;
        if (level == "C1") {
            // The atlas: anterior and posterior arches and two lateral masses, no body.
            addBone(scene, Solid::box(o.offset + Vec3{0, -16, z}, {6, 2.5, 4}), 1.2, "C1 anterior arch", v);
            addBone(scene, Solid::box(o.offset + Vec3{0, 22, z}, {9, 2.5, 4}), 1.2, "C1 posterior arch", v);
            addBone(scene, Solid::box(o.offset + Vec3{17, 2, z}, {5.5, 8, 5}), 1.5, "C1 left lateral mass", v);
            addBone(scene, Solid::box(o.offset + Vec3{-17, 2, z}, {5.5, 8, 5}), 1.5, "C1 right lateral mass", v);
            v.body = Solid::box(o.offset + Vec3{0, 2, z}, {22.5, 20.5, 5});
            v.bodyCentre = o.offset + Vec3{0, 2, z};
        } else {
            const double half = v.bodyHeightMm / 2;
            // Posterior elements first, so the body's cortex stays whole where they meet.
            addBone(scene, Solid::cylinder(o.offset + Vec3{0, 8, z}, 15, 11, std::min(4.5, half)), 1.5, level + " arch",
                    v);
            addBone(scene, Solid::box(o.offset + Vec3{0, 26, z}, {2.5, 8, std::min(3.5, half)}), 1.0,
                    level + " spinous process", v);
            addBone(scene, Solid::box(o.offset + Vec3{16, 0, z}, {5, 5, std::min(4.0, half)}), 1.0,
                    level + " left transverse process", v);
            addBone(scene, Solid::box(o.offset + Vec3{-16, 0, z}, {5, 5, std::min(4.0, half)}), 1.0,
                    level + " right transverse process", v);
            v.body = Solid::cylinder(centre, 10, 8.5, half);
            addBone(scene, v.body, 1.5, level + " body", v);
            if (level == "C2") {
                // The dens rises from C2's body into the atlas ring.
                addBone(scene, Solid::cylinder(o.offset + Vec3{0, -11, z + half + 6}, 5, 5, 6), 1.2, "C2 dens", v);
            }
            if (n > 0 && spine.vertebrae.back().level != "C1") {
                const Vertebra& above = spine.vertebrae.back();
                const double top = above.bodyCentre.z - above.bodyHeightMm / 2, bottom = z + half;
                scene.add(Solid::cylinder(o.offset + Vec3{0, -12, (top + bottom) / 2}, 9.5, 8, (top - bottom) / 2),
                          Tissue::Disc, above.level + "-" + level + " disc");
            }
        }
        zBottom = z - v.bodyHeightMm / 2;
        spine.vertebrae.push_back(v);
    }
    const double zc = (zTop + zBottom) / 2 + 5, h = (zTop - zBottom) / 2 + 15;
    spine.canal = Solid::cylinder(o.offset + Vec3{0, 7, zc}, 8, 6.5, h);
    spine.cord = Solid::cylinder(o.offset + Vec3{0, 7, zc}, 5, 4, h);
    scene.add(spine.canal, Tissue::Csf, "spinal canal");
    scene.add(spine.cord, Tissue::Cord, "spinal cord");
    return spine;
}

Head addHead(Scene& scene, PointLps c) {
    // Outer table 1.8 mm, diploe, inner table from 66 mm (lateral semi-axis) to the dura at
    // 64.5 mm, dura 0.8 mm, a thin CSF space, then brain.
    Head h;
    h.scalp = Solid::ellipsoid(c, {75, 95, 85});
    h.skullOuter = Solid::ellipsoid(c, {70, 90, 80});
    h.skullInner = Solid::ellipsoid(c, {64.5, 84.5, 74.5});
    h.duraInner = Solid::ellipsoid(c, {63.7, 83.7, 73.7});
    h.brain = Solid::ellipsoid(c, {63, 83, 73});
    scene.add(h.scalp, Tissue::Skin, "scalp");
    scene.add(h.scalp.grown(-1.5), Tissue::Fat, "scalp fat");
    scene.add(h.skullOuter, Tissue::Cortex, "outer table");
    scene.add(h.skullOuter.grown(-1.8), Tissue::Cancellous, "diploe");
    scene.add(Solid::ellipsoid(c, {66, 86, 76}), Tissue::Cortex, "inner table");
    scene.add(h.skullInner, Tissue::Dura, "dura");
    scene.add(h.duraInner, Tissue::Csf, "subarachnoid space");
    scene.add(h.brain, Tissue::Brain, "brain");
    scene.add(Solid::ellipsoid(c + Vec3{8, 5, 10}, {4, 18, 9}), Tissue::Csf, "left lateral ventricle");
    scene.add(Solid::ellipsoid(c + Vec3{-8, 5, 10}, {4, 18, 9}), Tissue::Csf, "right lateral ventricle");
    return h;
}

}  // namespace mensura::imaging::phantom
