# VTK and Qt 6 for the viewer layer only.
# VTK components must be listed: without them Debian's VTK asks for its Qt modules, which are
# built against Qt 5, and a Qt 5 library in a Qt 6 process crashes it.
find_package(VTK 9.1 REQUIRED COMPONENTS
  CommonCore CommonDataModel CommonExecutionModel CommonMath CommonTransforms
  ImagingCore ImagingGeneral InteractionStyle InteractionWidgets
  RenderingCore RenderingOpenGL2 RenderingAnnotation RenderingFreeType RenderingImage
  RenderingVolume RenderingVolumeOpenGL2
  FiltersCore FiltersGeneral)
foreach(lib IN LISTS VTK_LIBRARIES)
  if(lib MATCHES "Qt5|GUISupportQt|RenderingQt|ViewsQt")
    message(FATAL_ERROR "VTK pulled in a Qt 5 module (${lib}); Mensura must never link Qt 5.")
  endif()
endforeach()
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets OpenGL OpenGLWidgets Test)
