#pragma once
// Mensura's own Storage SCP, listening while a C-MOVE runs: the archive opens an association
// to it and sends the instances. Runs on its own thread; DCMTK stays out of this header.
#include <functional>
#include <memory>
#include <string>

#include "mensura/core/Result.h"
#include "mensura/pacs/InstanceFiles.h"

namespace mensura::imaging::pacs {

class MoveReceiver {
  public:
    // Called on the receiver thread for each instance written; return false to refuse further
    // instances (cancel).
    using OnInstance = std::function<bool(const WrittenInstance&)>;
    using OnError = std::function<void(const std::string&)>;

    MoveReceiver(std::string aeTitle, int port, std::string outDir, OnInstance onInstance, OnError onError);
    ~MoveReceiver();  // stops and joins
    MoveReceiver(const MoveReceiver&) = delete;
    MoveReceiver& operator=(const MoveReceiver&) = delete;

    // Opens the port (an Error names it when it is taken) and starts accepting.
    Result<bool> start();
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace mensura::imaging::pacs
